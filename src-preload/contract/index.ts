export * from './entities';
export * from './calls';
export * from './events';
export * from './bridge';
export * from './names';
export * from './bbb';
export * from './pod';
export * from './migration';
