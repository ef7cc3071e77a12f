import type { Migration } from '../migrate.js';
import { migration0001 } from './0001-iam-sts.js';

/** Every schema step, in order. Append new steps; never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [migration0001];
