# The node classes of the ast module built by hand: construction rules, class metadata,
# isinstance checks, ast.dump, NodeVisitor and NodeTransformer.
import ast

print(ast.AST, ast.AST._fields, ast.AST._attributes)
print(ast.Name._fields, ast.Name.__match_args__, ast.expr._attributes)
print(ast.BinOp.__mro__)
print(ast.arguments._fields, ast.arguments._attributes)
print(ast.FunctionDef._field_types)
print(ast.Constant.__doc__)
print(ast.operator.__doc__)
print(ast.excepthandler.__doc__)
print(ast.PyCF_ONLY_AST, ast.PyCF_TYPE_COMMENTS, ast.PyCF_ALLOW_TOP_LEVEL_AWAIT,
      ast.PyCF_OPTIMIZED_AST)

# Defaults: optional fields read None from the class, lists are fresh, ctx is Load().
n = ast.Name('x')
print(type(n.ctx).__name__, n.__dict__.keys())
f = ast.FunctionDef('f', ast.arguments(), [ast.Pass()])
print(f.returns, f.decorator_list, f.type_params, [type(s).__name__ for s in f.body])
a, b = ast.List(), ast.List()
a.elts.append(1)
print(a.elts, b.elts)
print(ast.Return().value, ast.Constant(1).kind, ast.Constant(1).end_lineno)

# Positions are keyword-only attributes.
c = ast.Constant(5, lineno=1, col_offset=2)
print(c.value, c.lineno, c.col_offset, c.end_col_offset)

# Errors and warnings of the constructor.
for make in (lambda: ast.Name('x', ast.Load(), 'z'), lambda: ast.Name('x', id='y'),
             lambda: ast.AST(1)):
    try:
        make()
    except TypeError as e:
        print('TypeError', e)

# isinstance and the abstract bases.
tree = ast.Module(body=[
    ast.Assign(targets=[ast.Name('y', ast.Store())],
               value=ast.BinOp(ast.Constant(1), ast.Add(), ast.Name('x'))),
    ast.Expr(ast.Call(ast.Name('print'), [ast.Name('y')], [])),
], type_ignores=[])
print(isinstance(tree, ast.mod), isinstance(tree.body[0], ast.stmt),
      isinstance(tree.body[0].value, ast.expr), isinstance(ast.Add(), ast.operator),
      isinstance(ast.Load(), ast.expr_context), issubclass(ast.Eq, ast.cmpop))
print(ast.dump(tree))
print(ast.dump(tree, indent=2))
print(ast.unparse(ast.fix_missing_locations(tree)))

# Structural pattern matching uses __match_args__.
match tree.body[0].value:
    case ast.BinOp(ast.Constant(v), ast.Add(), ast.Name(name)):
        print('matched', v, name)


class Names(ast.NodeVisitor):
    def __init__(self):
        self.seen = []

    def visit_Name(self, node):
        self.seen.append((node.id, type(node.ctx).__name__))


v = Names()
v.visit(tree)
print(v.seen)


class Double(ast.NodeTransformer):
    def visit_Constant(self, node):
        return ast.Constant(node.value * 2)

    def visit_Expr(self, node):
        return None


new = Double().visit(tree)
print(ast.dump(new))
print([type(n).__name__ for n in ast.walk(new)])
print([name for name, value in ast.iter_fields(ast.keyword('k', ast.Constant(1)))])
fixed = ast.fix_missing_locations(new)
print(fixed.body[0].lineno, fixed.body[0].value.col_offset)


class Sub(ast.expr):
    _fields = ('a',)


s = Sub(7)
print(s.a, isinstance(s, ast.AST), ast.dump(s))
print(ast.Load().__reduce__()[0] is ast.Load)

# __reduce__: copy and deepcopy rebuild nodes without warnings.
import copy
import warnings

print(ast.Name('x').__reduce__()[:2], ast.Constant(3).__reduce__()[:2],
      ast.UnaryOp(ast.Not(), ast.Name('x')).__reduce__()[:2], ast.Module([], []).__reduce__()[:2])
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter('always')
    print(ast.dump(copy.deepcopy(tree)))
    print(ast.dump(copy.copy(ast.Name('y'))))
    ast.Name('x', foo=1)
    ast.UnaryOp(ast.Not())
    ast.AST(a=1)
for item in w:
    print(item.category.__name__, item.message)
