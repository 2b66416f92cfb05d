import { runService } from '#platform';
import { ordersService } from './app.module.js';

await runService(ordersService);
