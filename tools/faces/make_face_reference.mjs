// Reference face descriptors for Shoebox's ONNX copy of dlib's face recognition network, made by the code of the npm
// package @vladmandic/face-api itself: its Node build, handed the pure JavaScript @tensorflow/tfjs (CPU backend) where
// it asks for the native @tensorflow/tfjs-node, so nothing native or GPU-specific takes part.
//
// For each face the package's own detector (SSD MobileNet v1) and 68-point landmarks find in the package's demo
// photos, the chip is the landmarks' aligned box made square around its centre (side = the longer side, rounded to
// whole pixels, kept inside the photo), cut out and resized to 150 x 150 with tf.image.resizeBilinear
// (alignCorners false, halfPixelCenters false), then described by the package's FaceRecognitionNet.
// Writes tests/Shoebox.Tests/Models/Faces/Fixtures/face-descriptors.json: per face the photo, the chip's box and the
// 128 numbers; the photos themselves stay in the package tarball, which the tests read.
//
// Run (Node 20; the packages go into a scratch folder, not into the repository):
//   mkdir -p /tmp/face-ref && cd /tmp/face-ref && npm init -y >/dev/null
//   npm pack @vladmandic/face-api@1.7.15
//   npm install ./vladmandic-face-api-1.7.15.tgz @tensorflow/tfjs@4.22.0 jpeg-js@0.4.4
//   node /path/to/shoebox/tools/faces/make_face_reference.mjs /tmp/face-ref
import fs from 'node:fs';
import path from 'node:path';
import Module, { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const scratch = path.resolve(process.argv[2] ?? '.');
const require = createRequire(path.join(scratch, 'package.json'));
const packageRoot = path.dirname(require.resolve('@vladmandic/face-api/package.json'));
const pureTfjs = require.resolve('@tensorflow/tfjs');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === '@tensorflow/tfjs-node' ? pureTfjs : resolve.call(this, request, ...rest);
};
const faceapi = require(path.join(packageRoot, 'dist/face-api.node.js'));
const jpeg = require('jpeg-js');
const tf = faceapi.tf;
await tf.setBackend('cpu');
await tf.ready();

async function load(net, name) {
  const manifest = JSON.parse(fs.readFileSync(path.join(packageRoot, 'model', `${name}-weights_manifest.json`), 'utf8'));
  const buffers = manifest[0].paths.map((p) => fs.readFileSync(path.join(packageRoot, 'model', p)));
  const joined = Buffer.concat(buffers);
  const weights = tf.io.decodeWeights(joined.buffer.slice(joined.byteOffset, joined.byteOffset + joined.byteLength), manifest[0].weights);
  net.loadFromWeightMap(weights);
}
await load(faceapi.nets.ssdMobilenetv1, 'ssd_mobilenetv1_model');
await load(faceapi.nets.faceLandmark68Net, 'face_landmark_68_model');
await load(faceapi.nets.faceRecognitionNet, 'face_recognition_model');

const faces = [];
for (const photo of ['sample1.jpg', 'sample2.jpg', 'sample3.jpg', 'sample4.jpg', 'sample5.jpg', 'sample6.jpg']) {
  const decoded = jpeg.decode(fs.readFileSync(path.join(packageRoot, 'demo', photo)), { useTArray: true, formatAsRGBA: false });
  const image = tf.tensor3d(decoded.data, [decoded.height, decoded.width, 3], 'int32');
  const found = await faceapi.detectAllFaces(image, new faceapi.SsdMobilenetv1Options({ minConfidence: 0.5 })).withFaceLandmarks();
  found.sort((a, b) => a.detection.box.x - b.detection.box.x);
  for (const face of found) {
    const box = face.alignedRect.box;
    const side = Math.min(Math.round(Math.max(box.width, box.height)), decoded.width, decoded.height);
    const x = Math.max(0, Math.min(decoded.width - side, Math.round(box.x + box.width / 2 - side / 2)));
    const y = Math.max(0, Math.min(decoded.height - side, Math.round(box.y + box.height / 2 - side / 2)));
    if (side < 60) continue; // too small to be a fair test of the network
    const chip = tf.tidy(() => tf.image.resizeBilinear(tf.slice(image, [y, x, 0], [side, side, 3]).toFloat(), [150, 150], false, false));
    const descriptor = await faceapi.nets.faceRecognitionNet.computeFaceDescriptor(chip);
    chip.dispose();
    faces.push({ photo, x, y, side, score: Number(face.detection.score.toFixed(3)), descriptor: Array.from(descriptor, (v) => Number(v.toPrecision(8))) });
  }
  image.dispose();
}

const here = path.dirname(fileURLToPath(import.meta.url));
const target = path.resolve(here, '../../tests/Shoebox.Tests/Models/Faces/Fixtures/face-descriptors.json');
fs.mkdirSync(path.dirname(target), { recursive: true });
const made = {
  package: '@vladmandic/face-api@1.7.15',
  tfjs: tf.version.tfjs,
  backend: tf.getBackend(),
  chip: 'square box in the decoded photo (x, y, side in pixels), tf.image.resizeBilinear to 150x150, alignCorners false, halfPixelCenters false; float RGB 0..255',
  faces,
};
fs.writeFileSync(target, JSON.stringify(made, null, 1) + '\n');
console.log(`${faces.length} faces written to ${target}`);
