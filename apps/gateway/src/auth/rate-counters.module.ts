import { Module } from '@nestjs/common';
import { RateCounters } from './rate-counters.js';

/** The rate-limit counters, for the rate-limit guard and the API-key guard alike. */
@Module({ providers: [RateCounters], exports: [RateCounters] })
export class RateCountersModule {}
