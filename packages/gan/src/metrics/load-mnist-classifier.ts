import type { Backend } from '../backend.js';
import { MnistClassifier } from './mnist-classifier.js';
import { MNIST_CLASSIFIER_WEIGHTS } from './mnist-classifier-weights.js';

/** Decodes base64 text into bytes, in browsers and Node alike. */
function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * The MNIST classifier that ships with the package, trained by
 * scripts/train-classifier.mjs on the 8,000 training digits of
 * splitMnistForClassifier; its accuracy on the 2,000 held-out digits is
 * MNIST_CLASSIFIER_HELD_OUT_ACCURACY. The weights are compiled into the
 * module, so no file is read. The caller disposes the classifier.
 */
export function loadMnistClassifier(backend: Backend): MnistClassifier {
  return MnistClassifier.load(backend, fromBase64(MNIST_CLASSIFIER_WEIGHTS.join('')),
    'the shipped MNIST classifier');
}
