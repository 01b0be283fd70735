/** Injection tokens shared by the registrar's providers. */
export const REDIS = Symbol('REDIS');
export const LOGGER = Symbol('LOGGER');
