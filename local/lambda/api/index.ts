export { lambdaApiHandler, type LambdaApiDependencies } from './handler';
