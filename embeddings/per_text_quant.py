"""The int8 graph rewritten so that texts batched together are quantized each on its own.

ONNX Runtime's dynamic quantization (`DynamicQuantizeLinear`) gives a whole input tensor one
scale and zero point. In a batch, a text's activations are then quantized with a range set by
the texts beside it, and its vector moves with its batch (cosine down to 0.994). Here each
`DynamicQuantizeLinear` becomes the same computation per text (per row of the batch axis): the
range of that text's activations, including 0, over 255 steps, and its zero point, exactly as
ONNX Runtime computes them. Its `MatMulInteger` consumers run without the (now per-text) zero
point, which is subtracted afterwards as `zero point × column sums of the weights`, in int32, so
nothing is rounded: a text alone gets bit for bit the vector of the plain graph, and in a batch
the same vector up to float rounding (1e-7).

Only batches without padding are valid: a pad position's activations would count in its text's
range. `OnnxInt8Model.encode` batches texts of one token length only."""
from __future__ import annotations

import numpy as np


def per_text_quantization(model):
    """A copy of the `onnx.ModelProto` `model` (quantized by `quantize_dynamic`) with activations
    quantized per text; see the module's docstring."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    model = onnx.ModelProto.FromString(model.SerializeToString())
    graph = model.graph
    weights = {tensor.name: tensor for tensor in graph.initializer}
    constants = {"ptq/zero": np.array(0.0, np.float32), "ptq/steps": np.array(255.0, np.float32),
                 "ptq/flat": np.array([-1], np.int64)}
    quantized: dict[str, str] = {}      # quantized activation -> prefix of its per-text nodes
    nodes = []

    def add(op, inputs, outputs, **attributes):
        nodes.append(helper.make_node(op, inputs, outputs, **attributes))

    for node in graph.node:
        if node.op_type == "DynamicQuantizeLinear":
            x, (xq, scale, _) = node.input[0], node.output     # its zero point is made per text
            p = xq + "/ptq/"
            quantized[xq] = p
            # range per text (axes 1, 2 of [batch, tokens, hidden]), widened to include 0
            add("ReduceMax", [x], [p + "max"], axes=[1, 2], keepdims=1)
            add("ReduceMin", [x], [p + "min"], axes=[1, 2], keepdims=1)
            add("Max", [p + "max", "ptq/zero"], [p + "max0"])
            add("Min", [p + "min", "ptq/zero"], [p + "min0"])
            add("Sub", [p + "max0", p + "min0"], [p + "range"])
            add("Div", [p + "range", "ptq/steps"], [scale])               # [batch, 1, 1]
            # zero point = round(clamp(0 - min / scale, 0, 255)), as ONNX Runtime computes it
            add("Div", [p + "min0", scale], [p + "min_steps"])
            add("Sub", ["ptq/zero", p + "min_steps"], [p + "zp_raw"])
            add("Clip", [p + "zp_raw", "ptq/zero", "ptq/steps"], [p + "zp_clipped"])
            add("Round", [p + "zp_clipped"], [p + "zp"])
            add("Cast", [p + "zp"], [p + "zp_int32"], to=TensorProto.INT32)
            add("Cast", [p + "zp"], [p + "zp_uint8"], to=TensorProto.UINT8)
            add("Reshape", [scale, "ptq/flat"], [p + "scale_per_text"])
            add("Reshape", [p + "zp_uint8", "ptq/flat"], [p + "zp_per_text"])
            add("QuantizeLinear", [x, p + "scale_per_text", p + "zp_per_text"], [xq], axis=0)
            continue
        if node.op_type == "MatMulInteger" and node.input[0] in quantized:
            p = quantized[node.input[0]]
            w = numpy_helper.to_array(weights[node.input[1]]).astype(np.int64)
            w_zero = numpy_helper.to_array(weights[node.input[3]]).astype(np.int64)
            out = node.output[0]
            constants[out + "/ptq/column_sums"] = (w - w_zero).sum(axis=0).astype(np.int32)
            # (xq - zp) @ w  ==  xq @ w - zp * column sums, exactly, in int32
            add("MatMulInteger", [node.input[0], node.input[1], "", node.input[3]], [out + "/ptq/raw"])
            add("Mul", [p + "zp_int32", out + "/ptq/column_sums"], [out + "/ptq/correction"])
            add("Sub", [out + "/ptq/raw", out + "/ptq/correction"], [out])
            continue
        nodes.append(node)
    if not quantized:
        raise ValueError("the model has no DynamicQuantizeLinear node: not a dynamically quantized model")
    del graph.node[:]
    graph.node.extend(nodes)
    graph.initializer.extend(numpy_helper.from_array(value, name) for name, value in constants.items())
    return model
