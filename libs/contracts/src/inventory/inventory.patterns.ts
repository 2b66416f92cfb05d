/** Our SKUs and supplier SKUs: 1-64 letters, digits, dot, dash or underscore. */
export const SKU_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** Codes of locations, sources, products and bins: 1-32 letters, digits, dot, dash or underscore. */
export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;
