import * as migration_20261125_004102_initial from './20261125_004102_initial';

export const migrations = [
  {
    up: migration_20261125_004102_initial.up,
    down: migration_20261125_004102_initial.down,
    name: '20261125_004102_initial'
  },
];
