export * from './store';
export { loadSeeds, titleFromFolder } from './seeds';
export { migrate, MIGRATIONS } from './migrations';
