//! pyrs-alloc: the global allocator of pyrs's executables — the `pyrs` binary, and the
//! benches and corpus examples that measure the stages as the binary runs them.
//!
//! **Input**: Rust's allocation requests ([`GlobalAlloc`]: a size and an alignment).
//! **Output**: memory from mimalloc. [`MiMalloc`] takes requests whose alignment is at most
//! eight bytes through mimalloc's plain `mi_malloc`/`mi_zalloc`/`mi_realloc`, and only the
//! others through its `_aligned` entry points; [`collect`] gives freed memory back to the
//! system.
//!
//! **Invariants**: every block handed out is aligned as its layout asks. mimalloc rounds
//! every request up to a multiple of eight bytes and starts each of its pages on a larger
//! boundary, so a plain allocation is always eight-byte aligned; a larger alignment (sixteen
//! bytes is common: hashbrown's tables ask for it, with sizes that are not multiples of
//! sixteen) goes through the aligned functions.
//!
//! Why not the `mimalloc` crate's own `MiMalloc`: it sends every request through the aligned
//! functions, whose extra test costs about fifty instructions per allocation. A syntax tree
//! and the compiler's tables are millions of small allocations of alignment eight or less:
//! compiling every seventh file of the standard library runs 2.4% fewer instructions with
//! this allocator (1,435.6 M against 1,401.1 M, `valgrind --tool=callgrind` over
//! crates/pyrs-compiler/examples/compile_corpus.rs with `PYRS_EVERY=7 PYRS_ONLY=source`).
//!
//! mimalloc is built without its requests for transparent huge pages (libmimalloc-sys's
//! `no_thp`: no `madvise(MADV_HUGEPAGE)` on its arenas). With them, on the usual Linux setting
//! (`transparent_hugepage` in `madvise` mode, `defrag` in `madvise` mode) every arena touched
//! faults in whole 2 MiB pages, and a fault may wait for the kernel to compact memory: an
//! empty program's peak resident memory was 24.4 MiB instead of 12.2 MiB (CPython's is
//! 9.1 MiB), and string_building's time moved between 0.67 and 1.05 s from run to run with
//! up to a third of it in the kernel zeroing pages (`cargo xtask bench programs`, which
//! prints each program's peak).
//!
//! **Dependencies**: libmimalloc-sys, the bindings (and the build of the C library) that the
//! `mimalloc` crate itself uses: mimalloc is a well-kept allocator that serves many small
//! allocations and frees much faster than glibc's malloc (parsing the standard library takes
//! a fifth less time with it; crates/pyrs-parser's crate doc has the figures).
//!
//! ```
//! #[global_allocator]
//! static ALLOCATOR: pyrs_alloc::MiMalloc = pyrs_alloc::MiMalloc;
//!
//! let names: Vec<String> = (0..3).map(|i| format!("name{i}")).collect();
//! assert_eq!(names[2], "name2");
//! ```

#![no_std]

use core::alloc::{GlobalAlloc, Layout};
use core::ffi::c_void;

use libmimalloc_sys as ffi;

/// The largest alignment that mimalloc's plain functions always give (see the crate doc).
const PLAIN_ALIGN: usize = 8;

/// mimalloc as Rust's global allocator.
pub struct MiMalloc;

// SAFETY: each function hands the request to mimalloc, which returns null or a block of at
// least the size asked for, aligned as asked: by `PLAIN_ALIGN` for the plain functions (the
// only requests sent there), explicitly for the aligned ones. `dealloc` and `realloc` only
// receive blocks this allocator made, all of which `mi_free`/`mi_realloc*` accept.
unsafe impl GlobalAlloc for MiMalloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if layout.align() <= PLAIN_ALIGN {
            ffi::mi_malloc(layout.size()) as *mut u8
        } else {
            ffi::mi_malloc_aligned(layout.size(), layout.align()) as *mut u8
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if layout.align() <= PLAIN_ALIGN {
            ffi::mi_zalloc(layout.size()) as *mut u8
        } else {
            ffi::mi_zalloc_aligned(layout.size(), layout.align()) as *mut u8
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        ffi::mi_free(ptr as *mut c_void);
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if layout.align() <= PLAIN_ALIGN {
            ffi::mi_realloc(ptr as *mut c_void, new_size) as *mut u8
        } else {
            ffi::mi_realloc_aligned(ptr as *mut c_void, new_size, layout.align()) as *mut u8
        }
    }
}

extern "C" {
    /// mimalloc's `mi_collect` (declared here because libmimalloc-sys lists it only under
    /// its `extended` feature; the library it links always has it).
    fn mi_collect(force: bool);
}

/// Gives the memory mimalloc holds for reuse back to the system (`mi_collect(true)`): for a
/// program that has just freed many objects at once.
pub fn collect() {
    // SAFETY: mi_collect only reorganises the allocator's own free lists.
    unsafe { mi_collect(true) }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every block is aligned as asked, for alignments on both sides of `PLAIN_ALIGN` and
    /// sizes that are not multiples of them, and survives growing and zeroing.
    #[test]
    fn blocks_are_aligned_as_asked() {
        let allocator = MiMalloc;
        for align in [1, 2, 4, 8, 16, 32, 64, 4096] {
            for size in [1, 3, 8, 24, 52, 100, 1000, 5000, 70000] {
                let layout = Layout::from_size_align(size, align).unwrap();
                // SAFETY: the layout has a non-zero size; each block is freed once.
                unsafe {
                    let p = allocator.alloc(layout);
                    assert!(!p.is_null());
                    assert_eq!(p as usize % align, 0, "size {size} align {align}");
                    p.write_bytes(0xAB, size);
                    let q = allocator.realloc(p, layout, size * 3);
                    assert_eq!(q as usize % align, 0, "grown: size {size} align {align}");
                    assert_eq!(*q.add(size - 1), 0xAB);
                    allocator.dealloc(q, Layout::from_size_align(size * 3, align).unwrap());
                    let z = allocator.alloc_zeroed(layout);
                    assert_eq!(z as usize % align, 0, "zeroed: size {size} align {align}");
                    assert!((0..size).all(|i| *z.add(i) == 0));
                    allocator.dealloc(z, layout);
                }
            }
        }
        collect();
    }
}
