import { runService } from '#platform';
import { pricingService } from './app.module.js';

await runService(pricingService);
