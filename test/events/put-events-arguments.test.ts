import { parsePutEventsArguments } from '../../events/cli/arguments';

describe('parsePutEventsArguments', () => {
  it('takes the file and the three flags, in either spelling', () => {
    expect(
      parsePutEventsArguments(['--bus', 'users-fanout-prod', 'entries.json', '--region=eu-west-1', '--endpoint-url', 'http://127.0.0.1:4566'], {}),
    ).toEqual({ file: 'entries.json', bus: 'users-fanout-prod', region: 'eu-west-1', endpointUrl: 'http://127.0.0.1:4566' });
  });

  it('honours AWS_ENDPOINT_URL, and the flag wins over it', () => {
    const env = { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' };

    expect(parsePutEventsArguments(['e.json'], env).endpointUrl).toBe('http://127.0.0.1:4566');
    expect(parsePutEventsArguments(['e.json', '--endpoint-url=http://localhost:9000'], env).endpointUrl).toBe('http://localhost:9000');
    expect(parsePutEventsArguments(['e.json'], {})).toEqual({ file: 'e.json' });
  });

  it.each([
    [[], /^missing the entries file; usage: /],
    [['a.json', 'b.json'], /^expected exactly one entries file; usage: /],
    [['e.json', '--bus'], /^option --bus needs a value; usage: /],
    [['e.json', '--region', '--bus', 'x'], /^option --region needs a value; usage: /],
    [['e.json', '--profile', 'x'], /^unknown option --profile; usage: /],
    [['e.json', '--endpoint-url', 'localhost:4566'], /^endpoint URL "localhost:4566" is not an http\(s\) URL$/],
  ])('refuses %p with a clear message', (argv, message) => {
    expect(() => parsePutEventsArguments(argv, {})).toThrow(message);
  });
});
