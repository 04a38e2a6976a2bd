import pkg from '../../package.json';

export const regieVersion: string = pkg.version;
