export { startEndpoint, LOOPBACK_HOST, type CallerIdentification, type Endpoint, type EndpointOptions } from './endpoint';
export type { MountedServices, ServiceHandler } from './service-registry';
