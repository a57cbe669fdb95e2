import * as path from 'node:path';
import { FunctionModel } from '../../../local/model/types';
import { REGION } from '../../../support/local-fixtures';

export const ENDPOINT = 'http://127.0.0.1:4566';

export function testFunction(name: string, handler: string, overrides: Partial<FunctionModel> = {}): FunctionModel {
  return {
    logicalId: name,
    name,
    arn: `arn:aws:lambda:${REGION}:000000000000:function:${name}`,
    codeDir: path.join(__dirname, 'fixtures', 'handlers'),
    handler: `index.${handler}`,
    runtime: 'nodejs20.x',
    timeoutSeconds: 5,
    memorySizeMb: 128,
    environment: {},
    asyncConfig: { maximumRetryAttempts: 2, maximumEventAgeSeconds: 21600 },
    ...overrides,
  };
}
