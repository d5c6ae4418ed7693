"""Records the reference interpreter's facts about instructions and code objects.

Run from the crate directory with CPython 3.13.0:

    $(pyenv prefix 3.13.0)/bin/python3.13 gen/record_reference.py

It writes:

- tests/data/opcodes.json: every opcode of CPython 3.13 (opmap, the specialized and pseudo
  instructions), what `opcode`, `dis` and `_opcode` say of each (argument kinds, cache layout,
  families, `stack_effect` for sampled opargs), and what the interpreter's own metadata header
  (internal/pycore_opcode_metadata.h, installed with the reference) gives as the number of values
  each instruction pops and pushes and the targets of each pseudo-instruction, and which
  instructions internal/pycore_opcode_utils.h calls unconditional jumps and scope exits.
- tests/data/samples/NAME.json and NAME.dis for every tests/data/samples/NAME.py: each code
  object that compiling the file produces (module first, then nested ones depth first, as `dis`
  prints them) with its fields, raw tables, decoded positions, lines, exception entries and
  `dis.get_instructions` rows; and the text `python3.13 -m dis NAME.py` prints, with code
  object addresses written as 0xADDR; and in NAME.dis-CO what `python3.13 -m dis -C -O NAME.py`
  prints (inline caches and offsets shown).

The Rust tests read these files; nothing in them is typed by hand.
"""

import _opcode
import dis
import io
import json
import marshal
import opcode
import os
import re
import struct
import sys
import sysconfig

assert sys.version_info[:3] == (3, 13, 0), "run this with CPython 3.13.0"

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "tests", "data")

# Opargs at which stack effects are sampled: small counts, flag bits, the byte boundary and
# values whose low and high bytes differ (UNPACK_EX reads both).
OPARG_SAMPLES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 17, 31, 32, 33, 100, 255, 256, 258,
                 513, 1000, 65535]


def all_opcodes():
    """name -> number for every instruction: opmap plus the specialized ones."""
    ops = dict(opcode.opmap)
    ops.update(opcode._specialized_opmap)
    return ops


# --- the metadata header -----------------------------------------------------------------

def header_text(name="pycore_opcode_metadata.h"):
    include = sysconfig.get_paths()["include"]
    path = os.path.join(include, "internal", name)
    with open(path) as f:
        return f.read()


def c_function_cases(text, function):
    """The `switch (opcode)` of `int function(int opcode, int oparg)`: name -> C expression."""
    start = text.index("int %s(int opcode, int oparg)  {" % function)
    end = text.index("\n}\n", start)
    body = text[start:end]
    cases, pending = {}, []
    for line in body.splitlines():
        line = line.strip()
        m = re.fullmatch(r"case (\w+):", line)
        if m:
            pending.append(m.group(1))
            continue
        m = re.fullmatch(r"return (.+);", line)
        if m and pending:
            for name in pending:
                cases[name] = m.group(1)
            pending = []
    return cases


def eval_c(expr, oparg):
    """Evaluates one of the header's small C expressions (integers, + - * & >>, == and ?:)."""
    py = re.sub(r"\(\(([^()]+)\) \? ([^():]+) : ([^()]+)\)", r"((\2) if (\1) else (\3))", expr)
    assert "?" not in py, expr
    return eval(py, {"__builtins__": {}}, {"oparg": oparg})


def macro_opcode_list(text, macro):
    """The opcodes a `#define MACRO(opcode) ((opcode) == A || (opcode) == B ...)` accepts."""
    start = text.index("#define %s(opcode)" % macro)
    end = text.index("\n\n", start)
    return re.findall(r"\(opcode\) == (\w+)", text[start:end])


def pseudo_targets(text):
    out = {}
    for m in re.finditer(r"\[(\w+)-256\] = \{ \{ ([\w, ]+) \} \}", text):
        out[m.group(1)] = [t.strip() for t in m.group(2).split(",") if t.strip() != "0"]
    return out


# --- opcodes -----------------------------------------------------------------------------

def compare_opargs():
    """The COMPARE_OP oparg the compiler gives each comparison, plain and as a condition."""
    out = {}
    for op in opcode.cmp_op:
        row = []
        for template in ("a %s b", "if a %s b: pass"):
            code = compile(template % op, "<compare>", "exec")
            row += [i.arg for i in dis.get_instructions(code) if i.opname == "COMPARE_OP"]
        out[op] = row
    return out


def record_opcodes():
    text = header_text()
    utils = header_text("pycore_opcode_utils.h")
    popped = c_function_cases(text, "_PyOpcode_num_popped")
    pushed = c_function_cases(text, "_PyOpcode_num_pushed")
    targets = pseudo_targets(text)
    ops = []
    for name, num in sorted(all_opcodes().items(), key=lambda kv: kv[1]):
        entry = {
            "name": name,
            "opcode": num,
            "valid": _opcode.is_valid(num),
            "has_arg": _opcode.has_arg(num),
            "has_const": _opcode.has_const(num),
            "has_name": _opcode.has_name(num),
            "has_jump": _opcode.has_jump(num),
            "has_free": _opcode.has_free(num),
            "has_local": _opcode.has_local(num),
            "has_exc": _opcode.has_exc(num),
        }
        effects = []
        for oparg in OPARG_SAMPLES:
            row = [oparg]
            for jump in (None, True, False):
                try:
                    row.append(_opcode.stack_effect(num, oparg, jump=jump))
                except ValueError:
                    row.append(None)
            effects.append(row)
        entry["stack_effect"] = effects
        if name in popped:
            entry["popped_pushed"] = [
                [oparg, eval_c(popped[name], oparg), eval_c(pushed[name], oparg)]
                for oparg in OPARG_SAMPLES
            ]
        if name in targets:
            entry["pseudo_targets"] = targets[name]
        ops.append(entry)
    lists = {
        name: getattr(opcode, name)
        for name in ("hasarg", "hasconst", "hasname", "hasjrel", "hasjabs", "haslocal",
                     "hasfree", "hascompare", "hasexc", "hasjump")
    }
    data = {
        "version": sys.version.split()[0],
        "opmap": opcode.opmap,
        "specialized_opmap": opcode._specialized_opmap,
        "HAVE_ARGUMENT": opcode.HAVE_ARGUMENT,
        "MIN_INSTRUMENTED_OPCODE": opcode.MIN_INSTRUMENTED_OPCODE,
        "EXTENDED_ARG": opcode.EXTENDED_ARG,
        "lists": lists,
        "inline_cache_entries": opcode._inline_cache_entries,
        "cache_format": {
            name: [[field, size] for field, size in fields.items()]
            for name, fields in opcode._cache_format.items()
        },
        "specializations": opcode._specializations,
        "nb_ops": [list(op) for op in opcode._nb_ops],
        "cmp_op": list(opcode.cmp_op),
        "intrinsic_1_descs": opcode._intrinsic_1_descs,
        "intrinsic_2_descs": opcode._intrinsic_2_descs,
        "function_attr_flags": list(dis.FUNCTION_ATTR_FLAGS),
        "compare_opargs": compare_opargs(),
        "compiler_flag_names": {str(k): v for k, v in dis.COMPILER_FLAG_NAMES.items()},
        "future_flags": {
            name: getattr(__import__("__future__"), name).compiler_flag
            for name in __import__("__future__").all_feature_names
        },
        "unconditional_jumps": macro_opcode_list(utils, "IS_UNCONDITIONAL_JUMP_OPCODE"),
        "scope_exits": macro_opcode_list(utils, "IS_SCOPE_EXIT_OPCODE"),
        "ops": ops,
    }
    write_json(os.path.join(DATA, "opcodes.json"), data)


# --- code objects ------------------------------------------------------------------------

class MarshalReader:
    """Just enough of marshal's format (Python/marshal.c) to read co_localspluskinds, which
    Python code cannot see otherwise. Code objects come back as dicts of their fields."""

    def __init__(self, data):
        self.data, self.pos, self.refs = data, 0, []

    def byte(self):
        b = self.data[self.pos]
        self.pos += 1
        return b

    def take(self, n):
        out = self.data[self.pos:self.pos + n]
        self.pos += n
        return out

    def long(self):
        return struct.unpack("<i", self.take(4))[0]

    def read(self):
        code = self.byte()
        flag, kind = code & 0x80, chr(code & 0x7F)
        if kind == "r":
            return self.refs[self.long()]
        slot = None
        if flag:
            slot = len(self.refs)
            self.refs.append(None)
        value = self.read_kind(kind)
        if slot is not None:
            self.refs[slot] = value
        return value

    def read_kind(self, kind):
        simple = {"0": None, "N": None, "F": False, "T": True, ".": Ellipsis, "S": StopIteration}
        if kind in simple:
            return simple[kind]
        if kind == "i":
            return self.long()
        if kind == "l":
            n = self.long()
            digits = [struct.unpack("<H", self.take(2))[0] for _ in range(abs(n))]
            value = sum(d << (15 * i) for i, d in enumerate(digits))
            return -value if n < 0 else value
        if kind == "g":
            return struct.unpack("<d", self.take(8))[0]
        if kind == "y":
            return complex(*struct.unpack("<dd", self.take(16)))
        if kind in "s":
            return self.take(self.long())
        if kind in "tu":
            return self.take(self.long()).decode("utf-8", "surrogatepass")
        if kind in "aA":
            return self.take(self.long()).decode("latin-1")
        if kind in "zZ":
            return self.take(self.byte()).decode("latin-1")
        if kind in "()<>":
            n = self.byte() if kind == ")" else self.long()
            items = [self.read() for _ in range(n)]
            return tuple(items) if kind in "()" else frozenset(items)
        if kind == "c":
            co = {}
            for field in ("argcount", "posonlyargcount", "kwonlyargcount", "stacksize",
                          "flags"):
                co[field] = self.long()
            for field in ("code", "consts", "names", "localsplusnames", "localspluskinds",
                          "filename", "name", "qualname"):
                co[field] = self.read()
            co["firstlineno"] = self.long()
            co["linetable"] = self.read()
            co["exceptiontable"] = self.read()
            return co
        raise ValueError("marshal type %r not handled" % kind)


def marshal_fields(code):
    return MarshalReader(marshal.dumps(code)).read()


def code_objects(code):
    """The code object and its nested ones, depth first in co_consts order (dis's order)."""
    out = [code]
    for const in code.co_consts:
        if hasattr(const, "co_code"):
            out.extend(code_objects(const))
    return out


def float_bits(x):
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def encode_const(value, index_of_code):
    if value is None:
        return {"t": "None"}
    if value is Ellipsis:
        return {"t": "Ellipsis"}
    if isinstance(value, bool):
        return {"t": "bool", "v": value}
    if isinstance(value, int):
        return {"t": "int", "v": str(value)}
    if isinstance(value, float):
        return {"t": "float", "bits": float_bits(value)}
    if isinstance(value, complex):
        return {"t": "complex", "real": float_bits(value.real), "imag": float_bits(value.imag)}
    if isinstance(value, str):
        try:
            value.encode("utf-8")
            return {"t": "str", "v": value}
        except UnicodeEncodeError:
            return {"t": "str", "cp": [ord(c) for c in value]}
    if isinstance(value, bytes):
        return {"t": "bytes", "hex": value.hex()}
    if isinstance(value, tuple):
        return {"t": "tuple", "v": [encode_const(v, index_of_code) for v in value]}
    if isinstance(value, frozenset):
        return {"t": "frozenset", "v": [encode_const(v, index_of_code) for v in value]}
    if hasattr(value, "co_code"):
        return {"t": "code", "index": index_of_code[id(value)]}
    raise TypeError(type(value))


def positions(pos):
    return list(pos)


def record_code(code, index_of_code):
    fields = marshal_fields(code)
    assert fields["code"] == code.co_code
    assert fields["localsplusnames"][: code.co_nlocals] is not None
    consts = []
    for c in code.co_consts:
        entry = encode_const(c, index_of_code)
        if not hasattr(c, "co_code"):
            entry["repr"] = repr(c)
        consts.append(entry)
    instructions = []
    for ins in dis.get_instructions(code):
        instructions.append({
            "opname": ins.opname,
            "opcode": ins.opcode,
            "arg": ins.arg,
            "argrepr": ins.argrepr,
            "offset": ins.offset,
            "start_offset": ins.start_offset,
            "starts_line": ins.starts_line,
            "line_number": ins.line_number,
            "label": ins.label,
            "jump_target": ins.jump_target,
            "positions": list(ins.positions),
        })
    return {
        "name": code.co_name,
        "qualname": code.co_qualname,
        "filename": code.co_filename,
        "firstlineno": code.co_firstlineno,
        "argcount": code.co_argcount,
        "posonlyargcount": code.co_posonlyargcount,
        "kwonlyargcount": code.co_kwonlyargcount,
        "flags": code.co_flags,
        "stacksize": code.co_stacksize,
        "nlocals": code.co_nlocals,
        "code": code.co_code.hex(),
        "linetable": code.co_linetable.hex(),
        "exceptiontable": code.co_exceptiontable.hex(),
        "consts": consts,
        "names": list(code.co_names),
        "localsplusnames": list(fields["localsplusnames"]),
        "localspluskinds": list(fields["localspluskinds"]),
        "varnames": list(code.co_varnames),
        "cellvars": list(code.co_cellvars),
        "freevars": list(code.co_freevars),
        "repr": re.sub(r" at 0x[0-9a-f]+", " at 0xADDR", repr(code)),
        "positions": [positions(p) for p in code.co_positions()],
        "lines": [list(r) for r in code.co_lines()],
        "exception_entries": [
            [e.start, e.end, e.target, e.depth, e.lasti] for e in dis._parse_exception_table(code)
        ],
        "instructions": instructions,
    }


def record_sample(path):
    with open(path, "rb") as f:
        source = f.read()
    name = os.path.basename(path)
    module = compile(source, name, "exec")
    codes = code_objects(module)
    index_of_code = {id(c): i for i, c in enumerate(codes)}
    data = {"file": name, "code_objects": [record_code(c, index_of_code) for c in codes]}
    base = path[:-3]
    write_json(base + ".json", data)
    for suffix, options in ((".dis", {}), (".dis-CO", {"show_caches": True, "show_offsets": True})):
        out = io.StringIO()
        dis.dis(module, file=out, **options)
        with open(base + suffix, "w") as f:
            f.write(re.sub(r" at 0x[0-9a-f]+", " at 0xADDR", out.getvalue()))


def to_json(value, indent=""):
    """JSON with one line per dict entry and per dict in a list; other lists on one line."""
    inner = indent + " "
    if isinstance(value, dict) and value:
        items = [f"{inner}{json.dumps(k)}: {to_json(v, inner)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if isinstance(value, list) and any(isinstance(v, dict) and v for v in value):
        items = [inner + to_json(v, inner) for v in value]
        return "[\n" + ",\n".join(items) + "\n" + indent + "]"
    return json.dumps(value, separators=(",", ":"))


def write_json(path, data):
    with open(path, "w") as f:
        f.write(to_json(data))
        f.write("\n")


def main():
    record_opcodes()
    samples = os.path.join(DATA, "samples")
    for name in sorted(os.listdir(samples)):
        if name.endswith(".py"):
            record_sample(os.path.join(samples, name))


if __name__ == "__main__":
    main()
