import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'o2c:public';
/** A route anyone may call without an API key (health, docs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
