import { runService } from '#platform';
import { warehouseService } from './app.module.js';

await runService(warehouseService);
