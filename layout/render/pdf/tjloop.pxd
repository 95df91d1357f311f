# C types for tjloop.py when Cython compiles it (pure-Python mode: the .py stays the reference).
import cython

@cython.locals(pen=double, target=double, kern=double, x=double, width=double, parts=list,
               value=double, scaled=double, thousandths=cython.longlong,
               written=bytes, kerns=dict, hexes=dict, codes_run=bytes, shown=bytes, out=bytearray, string=bytes, widths=tuple)
cpdef bytes tj_array(tuple glyphs, double dx, double margin, double start, double size,
                     dict known, object codes, str font)

@cython.locals(whole=cython.longlong, part=cython.longlong)
cpdef bytes thousandths_bytes(long long count)
