import { parseStartOptions, UsageError } from '../../../local/cli/options';

describe('npm start -- --secret', () => {
  it('collects each secret by its id; a value may hold = itself', () => {
    const { secrets } = parseStartOptions(['--secret', 'crm-webhook=abc', '--secret', 'arn:aws:secretsmanager:us-east-1:1:secret:x=k=v'], {});
    expect(secrets).toEqual({ 'crm-webhook': 'abc', 'arn:aws:secretsmanager:us-east-1:1:secret:x': 'k=v' });
    expect(parseStartOptions([], {}).secrets).toEqual({});
  });

  it('refuses a secret without an id, without echoing the value', () => {
    expect(() => parseStartOptions(['--secret', 'hunter2'], {})).toThrow(new UsageError('--secret needs <secret-id>=<value>, for example --secret crm-webhook=abc123'));
    expect(() => parseStartOptions(['--secret'], {})).toThrow(UsageError);
  });
});
