import { runService } from '#platform';
import { inventoryService } from './app.module.js';

await runService(inventoryService);
