import { parsePutEventsArguments } from '../../../events/cli/arguments';

describe('parsePutEventsArguments', () => {
  it('takes the file and the three flags, in either spelling', () => {
    expect(
      parsePutEventsArguments(['--bus', 'users-fanout-prod', 'entries.json', '--region=eu-west-1', '--endpoint-url', 'http://127.0.0.1:4566'], {}),
    ).toEqual({
      entries: { kind: 'file', path: 'entries.json' },
      bus: 'users-fanout-prod',
      region: 'eu-west-1',
      endpointUrl: 'http://127.0.0.1:4566',
      local: false,
      confirmedRealEmails: false,
    });
  });

  it('honours AWS_ENDPOINT_URL, and the flag wins over it; without either, the target is AWS itself', () => {
    const env = { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' };

    expect(parsePutEventsArguments(['e.json'], env).endpointUrl).toBe('http://127.0.0.1:4566');
    expect(parsePutEventsArguments(['e.json', '--endpoint-url=http://localhost:9000'], env).endpointUrl).toBe('http://localhost:9000');
    expect(parsePutEventsArguments(['e.json'], {})).toEqual({ entries: { kind: 'file', path: 'e.json' }, local: false, confirmedRealEmails: false });
  });

  it('--local targets the local runtime on PORT, as npm start in the same shell serves it, and 4566 without PORT', () => {
    expect(parsePutEventsArguments(['e.json', '--local'], {})).toMatchObject({ endpointUrl: 'http://127.0.0.1:4566', local: true });
    expect(parsePutEventsArguments(['--local', 'e.json'], { PORT: '4601' })).toMatchObject({ endpointUrl: 'http://127.0.0.1:4601', local: true });
    expect(parsePutEventsArguments(['e.json', '--local'], { AWS_ENDPOINT_URL: 'http://127.0.0.1:9000' }).endpointUrl).toBe('http://127.0.0.1:4566');
  });

  it('--yes-send-real-emails confirms sending to the production bus', () => {
    expect(parsePutEventsArguments(['e.json', '--yes-send-real-emails'], {}).confirmedRealEmails).toBe(true);
  });

  it('--sample names a sample instead of a file', () => {
    expect(parsePutEventsArguments(['--sample', 'user-created', '--local'], {}).entries).toEqual({ kind: 'sample', name: 'user-created' });
  });

  it.each([
    [[], /^missing the entries file \(or --sample <name>\); usage: /],
    [['a.json', 'b.json'], /^expected exactly one entries file; usage: /],
    [['a.json', '--sample', 'user-created'], /^give an entries file or --sample, not both; usage: /],
    [['e.json', '--bus'], /^option "--bus" needs a value; usage: /],
    [['e.json', '--region', '--bus', 'x'], /^option "--region" needs a value; usage: /],
    [['e.json', '--profile', 'x'], /^unknown option "--profile"; usage: /],
    [['e.json', '--endpoint-url', 'localhost:4566'], /^endpoint URL "localhost:4566" is not an http\(s\) URL$/],
    [['e.json', '--local', '--endpoint-url', 'http://127.0.0.1:4566'], /^--local and --endpoint-url both name the endpoint: give one; usage: /],
  ])('refuses %p with a clear message', (argv, message) => {
    expect(() => parsePutEventsArguments(argv, {})).toThrow(message);
  });

  it('refuses --local with a PORT that is not a port', () => {
    expect(() => parsePutEventsArguments(['e.json', '--local'], { PORT: 'abc' })).toThrow(`PORT must be the local runtime's port, from 1 to 65535, got "abc"`);
  });
});
