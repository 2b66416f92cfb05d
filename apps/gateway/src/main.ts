import { runService } from '#platform';
import { gatewayService } from './app.module.js';

await runService(gatewayService);
