export { checkFaults, faultProblems, FaultSettingsError, isShare } from './fault-settings';
export type { EventBridgeFaults, LambdaFaults, PipeFaults, RuntimeFaults, SesFaults } from './fault-settings';
export { NO_FAULTS, planFaults, type FaultPlan, type LambdaFaultDecision, type PlanFaultsOptions } from './fault-plan';

