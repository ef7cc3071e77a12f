import type { Migration } from '../migrate.js';
import { migration0001 } from './0001-iam-sts.js';
import { migration0002 } from './0002-s3.js';
import { migration0003 } from './0003-inline-bodies.js';

/** Every schema step, in order. Append new steps; never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003];
