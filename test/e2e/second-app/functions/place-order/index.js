'use strict';
// The orders app's stream trigger: each inserted order becomes an OrderPlaced event on the app's bus. An order
// marked `poison` fails, so that its record reaches the mapping's on-failure destination. The AWS SDK is not in
// this folder: the Lambda runtime provides it.
const { EventBridgeClient, PutEventsCommand } = require('@aws-sdk/client-eventbridge');

const eventBridge = new EventBridgeClient({});

exports.handler = async (event) => {
  for (const record of event.Records) {
    const order = record.dynamodb.NewImage;
    if (order.poison?.BOOL) throw new Error(`order ${order.id.S} is marked poison`);
    const detail = { id: order.id.S, items: order.items.L.map((item) => item.S) };
    const result = await eventBridge.send(
      new PutEventsCommand({ Entries: [{ EventBusName: process.env.BUS_NAME, Source: 'orders', DetailType: 'OrderPlaced', Detail: JSON.stringify(detail) }] }),
    );
    if (result.FailedEntryCount) throw new Error(`PutEvents refused order ${order.id.S}: ${result.Entries[0].ErrorCode}`);
  }
};
