// Bolt echo bot (HTTP Events API), for the ChannelThroughput comparison.
const { App, LogLevel } = require('@slack/bolt');
const app = new App({ token: 'xoxb-bench', signingSecret: process.env.SIGNING_SECRET, logLevel: LogLevel.ERROR,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL } });
app.message(async ({ message, say }) => { await say(`echo: ${message.text}`); });
(async () => { await app.start(Number(process.env.PORT)); })();
