import { runService } from '#platform';
import { billingService } from './app.module.js';

await runService(billingService);
