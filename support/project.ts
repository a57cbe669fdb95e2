import * as path from 'node:path';

/** The checkout's root, where package.json and cdk.json are. */
export const PROJECT_DIR = path.resolve(__dirname, '..');

/** The cloud assembly `npm start` and jest's global setup synthesize. */
export const CDK_OUT = path.join(PROJECT_DIR, 'cdk.out');
