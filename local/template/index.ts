export { loadLocalModel, LoadLocalModelOptions } from './load-local-model';
export { TemplateError } from './cfn-types';
