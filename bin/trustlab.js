#!/usr/bin/env node
// The published entry point runs the bundled CLI; `npm run build` (run by `npm ci` through `prepare`) makes it.
import '../dist/trustlab.js';
