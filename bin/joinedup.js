#!/usr/bin/env node
// The package's command: `npx joinedup <command>`. Runs the TypeScript entry point through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
