# Every concrete stream is an io.IOBase: io.py registers the _io classes with RawIOBase,
# BufferedIOBase and TextIOBase, and IOBase's subclass check finds them through its own
# subclasses.
import io

for cls in [io.FileIO, io.BytesIO, io.StringIO, io.BufferedReader, io.BufferedWriter,
            io.BufferedRandom, io.BufferedRWPair, io.TextIOWrapper]:
    print(cls.__name__, issubclass(cls, io.IOBase))
print(isinstance(io.StringIO(), io.IOBase), isinstance(open(__file__), io.IOBase))
print(sorted(c.__name__ for c in io.IOBase.__subclasses__()))
