import { TEST_TIMEOUT_MS } from '../support/deadlines';

// Here rather than in jest.config.js, so that the timeout and the kit's wait deadlines come from one constant.
jest.setTimeout(TEST_TIMEOUT_MS);
