import { parentPort, workerData } from 'node:worker_threads';
import { trainModel, type TrainJob } from './routing.trainer.ts';

/** Worker thread entry: trains the model of `workerData` and posts it back (the bytes transferred, not copied). */
const trained = trainModel(workerData as TrainJob);
parentPort!.postMessage(trained, [trained.bytes.buffer as ArrayBuffer]);
