#!/usr/bin/env node
import '../dist/imagegate.js';
