/** `npm start` runs this (through tsx): the local cloud on PORT with data in LINLI_DATA_DIR. */
import { startLocalCloud } from './server';

startLocalCloud()
  .then((cloud) => {
    console.log(`邻里 Linli local cloud: ${cloud.url}/  (data: ${process.env.LINLI_DATA_DIR ?? '.linli'})`);
    const stop = () => cloud.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  })
  .catch((e) => {
    console.error('local cloud failed to start:', e);
    process.exit(1);
  });
