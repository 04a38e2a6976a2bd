export * from './podSettingsFile/index';
