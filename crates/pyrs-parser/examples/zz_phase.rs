use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
struct Counting;
static N: AtomicUsize = AtomicUsize::new(0);
static B: AtomicUsize = AtomicUsize::new(0);
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 { N.fetch_add(1, Ordering::Relaxed); B.fetch_add(l.size(), Ordering::Relaxed); System.alloc(l) }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) { System.dealloc(p, l) }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, n: usize) -> *mut u8 { N.fetch_add(1, Ordering::Relaxed); System.realloc(p, l, n) }
}
#[global_allocator]
static A: Counting = Counting;
fn main() {
    let root = std::path::Path::new("/root/.pyenv/versions/3.13.0/lib/python3.13");
    let mut files = vec![];
    fn collect(d: &std::path::Path, f: &mut Vec<std::path::PathBuf>) { for e in std::fs::read_dir(d).unwrap().flatten() { let p = e.path(); if p.is_dir() { if p.file_name().unwrap() != "site-packages" { collect(&p, f) } } else if p.extension().map_or(false, |e| e == "py") { f.push(p) } } }
    collect(root, &mut files);
    let srcs: Vec<String> = files.iter().map(|f| String::from_utf8_lossy(&std::fs::read(f).unwrap()).into_owned()).collect();
    let n0 = N.load(Ordering::Relaxed); let b0 = B.load(Ordering::Relaxed);
    for s in &srcs { let _ = pyrs_parser::__phase(s, 1); }
    let n1 = N.load(Ordering::Relaxed);
    for s in &srcs { let _ = pyrs_parser::parse(s, pyrs_parser::Mode::Exec); }
    let n2 = N.load(Ordering::Relaxed); let b2 = B.load(Ordering::Relaxed);
    println!("lexing allocs {}, parse allocs {} ({} MB)", n1-n0, n2-n1, (b2-b0)/1000000);
}
