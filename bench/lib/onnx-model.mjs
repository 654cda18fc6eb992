/**
 * A minimal ONNX model writer: just enough protobuf to describe a graph of one
 * node whose inputs and outputs are float32 tensors of fixed shape, so that
 * the suites can hand onnxruntime a MatMul, Conv or ConvTranspose built in
 * code instead of a downloaded file.
 *
 * Field numbers follow onnx/onnx.proto (ModelProto, GraphProto, NodeProto,
 * AttributeProto, ValueInfoProto, TypeProto, TensorShapeProto).
 */

const WIRE_VARINT = 0;
const WIRE_LENGTH = 2;

/** TensorProto.DataType.FLOAT. */
const ELEMENT_FLOAT = 1;

/** AttributeProto.AttributeType values used here. */
const ATTRIBUTE_INT = 2;
const ATTRIBUTE_INTS = 7;

const IR_VERSION = 8;
const OPSET_VERSION = 17;

/** Appends protobuf fields to a growing list of byte chunks. */
class Writer {
  chunks = [];

  /** A base-128 varint; non-negative integers below 2^53 only. */
  varint(value) {
    const bytes = [];
    let rest = value;
    while (rest >= 0x80) {
      bytes.push((rest % 0x80) | 0x80);
      rest = Math.floor(rest / 0x80);
    }
    bytes.push(rest);
    this.chunks.push(Uint8Array.from(bytes));
    return this;
  }

  tag(field, wireType) {
    return this.varint(field * 8 + wireType);
  }

  int(field, value) {
    return this.tag(field, WIRE_VARINT).varint(value);
  }

  bytes(field, bytes) {
    this.tag(field, WIRE_LENGTH).varint(bytes.length);
    this.chunks.push(bytes);
    return this;
  }

  string(field, text) {
    return this.bytes(field, new TextEncoder().encode(text));
  }

  /** An embedded message, written by `fill` into a fresh writer. */
  message(field, fill) {
    const inner = new Writer();
    fill(inner);
    return this.bytes(field, inner.finish());
  }

  finish() {
    const length = this.chunks.reduce((sum, chunk) => sum + chunk.length, 0);
    const out = new Uint8Array(length);
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  }
}

/** ValueInfoProto of a float32 tensor with a fixed shape. */
function writeValueInfo(writer, field, name, shape) {
  writer.message(field, (info) => {
    info.string(1, name);
    info.message(2, (type) => {
      type.message(1, (tensorType) => {
        tensorType.int(1, ELEMENT_FLOAT);
        tensorType.message(2, (shapeProto) => {
          for (const size of shape) {
            shapeProto.message(1, (dimension) => dimension.int(1, size));
          }
        });
      });
    });
  });
}

/** AttributeProto: an integer or a list of integers. */
function writeAttribute(writer, name, value) {
  writer.message(5, (attribute) => {
    attribute.string(1, name);
    if (Array.isArray(value)) {
      attribute.int(20, ATTRIBUTE_INTS);
      // proto2 repeated int64, unpacked: one tagged varint per value.
      for (const item of value) attribute.int(8, item);
    } else {
      attribute.int(20, ATTRIBUTE_INT);
      attribute.int(3, value);
    }
  });
}

/**
 * The bytes of an ONNX model with one node.
 * @param {object} spec
 * @param {string} spec.opType e.g. 'MatMul', 'Conv', 'ConvTranspose'
 * @param {Array<{name: string, shape: number[]}>} spec.inputs float32 graph inputs, in the
 *   node's input order
 * @param {{name: string, shape: number[]}} spec.output the single float32 output
 * @param {Record<string, number | number[]>} [spec.attributes] integer attributes
 * @returns {Uint8Array} a serialized ModelProto (IR version 8, default opset 17)
 */
export function singleNodeModel({ opType, inputs, output, attributes = {} }) {
  const model = new Writer();
  model.int(1, IR_VERSION);
  model.string(2, 'simdgan-bench');
  model.message(7, (graph) => {
    graph.message(1, (node) => {
      for (const input of inputs) node.string(1, input.name);
      node.string(2, output.name);
      node.string(3, opType.toLowerCase());
      node.string(4, opType);
      for (const [name, value] of Object.entries(attributes)) {
        writeAttribute(node, name, value);
      }
    });
    graph.string(2, `${opType.toLowerCase()}-graph`);
    for (const input of inputs) writeValueInfo(graph, 11, input.name, input.shape);
    writeValueInfo(graph, 12, output.name, output.shape);
  });
  model.message(8, (opset) => {
    opset.string(1, '');
    opset.int(2, OPSET_VERSION);
  });
  return model.finish();
}
