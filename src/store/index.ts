export * from './store';
export { loadSeeds, titleFromFolder } from './seeds';
export { migrate, MIGRATIONS } from './migrations';
export {
  exportAll,
  exportToFile,
  importAll,
  parseBackup,
  BackupError,
  type Backup,
  type ImportResult,
} from './backup';
