//! `list.sort`'s algorithm (CPython's Objects/listsort.txt and the sort in listobject.c):
//! timsort — natural runs (descending ones reversed in place, keeping equal elements in
//! order), short runs extended to `minrun` by binary insertion, runs merged in the order the
//! powersort policy gives, merges that switch to galloping when one run keeps winning.
//!
//! The only comparison is `<` (`__lt__`), which may run Python code and raise. An error stops
//! the sort at once and leaves the slice a permutation of its input: every merge keeps the
//! not-yet-merged elements in a scratch copy and puts them back before returning the error.
//! The slice is plain Rust memory owned by the caller, so Python code run by `<` cannot see
//! or change it (the list itself looks empty meanwhile; see `list_methods::sort`).

use crate::error::PyResult;

const MIN_GALLOP: usize = 7;

/// The ordering used by the sort: `lt(a, b)` is `a < b`.
pub(crate) trait Less<T> {
    fn lt(&mut self, a: &T, b: &T) -> PyResult<bool>;
}

impl<T, F: FnMut(&T, &T) -> PyResult<bool>> Less<T> for F {
    fn lt(&mut self, a: &T, b: &T) -> PyResult<bool> {
        self(a, b)
    }
}

struct Run {
    base: usize,
    len: usize,
    power: u32,
}

struct MergeState<'a, T: Clone, L: Less<T>> {
    v: &'a mut [T],
    less: L,
    min_gallop: usize,
    pending: Vec<Run>,
}

/// Sorts `v` stably by `less`; on an error from `less`, `v` is left a permutation of its
/// input.
pub(crate) fn sort<T: Clone, L: Less<T>>(v: &mut [T], less: L) -> PyResult<()> {
    let n = v.len();
    if n < 2 {
        return Ok(());
    }
    let mut ms = MergeState {
        v,
        less,
        min_gallop: MIN_GALLOP,
        pending: Vec::new(),
    };
    let minrun = compute_minrun(n);
    let mut lo = 0;
    let mut remaining = n;
    while remaining > 0 {
        let mut run = ms.count_run(lo, remaining)?;
        if run < minrun {
            let force = remaining.min(minrun);
            ms.binarysort(lo, force, run)?;
            run = force;
        }
        ms.found_new_run(lo, run, n)?;
        ms.pending.push(Run {
            base: lo,
            len: run,
            power: 0,
        });
        lo += run;
        remaining -= run;
    }
    while ms.pending.len() > 1 {
        let mut i = ms.pending.len() - 2;
        if i > 0 && ms.pending[i - 1].len < ms.pending[i + 1].len {
            i -= 1;
        }
        ms.merge_at(i)?;
    }
    Ok(())
}

fn compute_minrun(mut n: usize) -> usize {
    let mut r = 0;
    while n >= 64 {
        r |= n & 1;
        n >>= 1;
    }
    n + r
}

/// The powersort "power" of the boundary between two adjacent runs.
fn powerloop(s1: usize, n1: usize, n2: usize, n: usize) -> u32 {
    let mut result = 0;
    let mut a = 2 * s1 + n1;
    let mut b = a + n1 + n2;
    loop {
        result += 1;
        if a >= n {
            a -= n;
            b -= n;
        } else if b >= n {
            break;
        }
        a <<= 1;
        b <<= 1;
    }
    result
}

impl<T: Clone, L: Less<T>> MergeState<'_, T, L> {
    fn lt_at(&mut self, i: usize, j: usize) -> PyResult<bool> {
        self.less.lt(&self.v[i], &self.v[j])
    }

    /// The length of the run starting at `lo` (at most `remaining`), made ascending in place.
    fn count_run(&mut self, lo: usize, remaining: usize) -> PyResult<usize> {
        let mut n = 1;
        while n < remaining {
            if self.lt_at(lo + n, lo + n - 1)? {
                break;
            }
            n += 1;
        }
        if n == remaining {
            return Ok(n);
        }
        if n > 1 {
            if self.lt_at(lo, lo + n - 1)? {
                return Ok(n);
            }
            // All n are equal: reversed now, they come back in order when the descending
            // run is reversed.
            self.v[lo..lo + n].reverse();
        }
        n += 1;
        let mut neq = 0;
        while n < remaining {
            if self.lt_at(lo + n, lo + n - 1)? {
                if neq > 0 {
                    let k = neq + 1;
                    self.v[lo + n - k..lo + n].reverse();
                    neq = 0;
                }
            } else if self.lt_at(lo + n - 1, lo + n)? {
                break;
            } else {
                neq += 1;
            }
            n += 1;
        }
        if neq > 0 {
            let k = neq + 1;
            self.v[lo + n - k..lo + n].reverse();
        }
        self.v[lo..lo + n].reverse();
        while n < remaining {
            if self.lt_at(lo + n, lo + n - 1)? {
                break;
            }
            n += 1;
        }
        Ok(n)
    }

    /// Binary insertion sort of `v[lo..lo + n]`, whose first `ok` elements are sorted.
    fn binarysort(&mut self, lo: usize, n: usize, ok: usize) -> PyResult<()> {
        let mut ok = ok.max(1);
        while ok < n {
            let pivot = self.v[lo + ok].clone();
            let (mut l, mut r) = (0, ok);
            while l < r {
                let m = (l + r) >> 1;
                if self.less.lt(&pivot, &self.v[lo + m])? {
                    r = m;
                } else {
                    l = m + 1;
                }
            }
            self.v[lo + l..=lo + ok].rotate_right(1);
            ok += 1;
        }
        Ok(())
    }

    fn found_new_run(&mut self, lo: usize, n2: usize, n: usize) -> PyResult<()> {
        if let Some(last) = self.pending.last() {
            let power = powerloop(last.base, last.len, n2, n);
            let _ = lo;
            while self.pending.len() > 1 && self.pending[self.pending.len() - 2].power > power {
                let i = self.pending.len() - 2;
                self.merge_at(i)?;
            }
            let top = self.pending.len() - 1;
            self.pending[top].power = power;
        }
        Ok(())
    }

    /// Merges runs `i` and `i + 1`.
    fn merge_at(&mut self, i: usize) -> PyResult<()> {
        let (mut base_a, mut na) = (self.pending[i].base, self.pending[i].len);
        let (base_b, nb) = (self.pending[i + 1].base, self.pending[i + 1].len);
        self.pending[i].len = na + nb;
        self.pending.remove(i + 1);
        let key = self.v[base_b].clone();
        let k = gallop_right(&mut self.less, &key, &self.v[base_a..base_a + na], 0)?;
        base_a += k;
        na -= k;
        if na == 0 {
            return Ok(());
        }
        let key = self.v[base_a + na - 1].clone();
        let nb = gallop_left(&mut self.less, &key, &self.v[base_b..base_b + nb], nb - 1)?;
        if nb == 0 {
            return Ok(());
        }
        if na <= nb {
            self.merge_lo(base_a, na, base_b, nb)
        } else {
            self.merge_hi(base_a, na, base_b, nb)
        }
    }

    /// Merges `v[a..a + na]` and the run after it, `na <= nb`, through a copy of the first.
    fn merge_lo(&mut self, a: usize, na: usize, b: usize, nb: usize) -> PyResult<()> {
        let tmp: Vec<T> = self.v[a..a + na].to_vec();
        let (mut na, mut nb) = (na, nb);
        let mut ia = 0; // next in tmp
        let mut ib = b; // next of run b in v
        let mut dest = a;
        let result = (|| -> PyResult<bool> {
            // true: finish with CopyB.
            self.v[dest] = self.v[ib].clone();
            dest += 1;
            ib += 1;
            nb -= 1;
            if nb == 0 {
                return Ok(false);
            }
            if na == 1 {
                return Ok(true);
            }
            let mut min_gallop = self.min_gallop;
            loop {
                let mut acount = 0;
                let mut bcount = 0;
                loop {
                    if self.less.lt(&self.v[ib], &tmp[ia])? {
                        self.v[dest] = self.v[ib].clone();
                        dest += 1;
                        ib += 1;
                        bcount += 1;
                        acount = 0;
                        nb -= 1;
                        if nb == 0 {
                            return Ok(false);
                        }
                        if bcount >= min_gallop {
                            break;
                        }
                    } else {
                        self.v[dest] = tmp[ia].clone();
                        dest += 1;
                        ia += 1;
                        acount += 1;
                        bcount = 0;
                        na -= 1;
                        if na == 1 {
                            return Ok(true);
                        }
                        if acount >= min_gallop {
                            break;
                        }
                    }
                }
                min_gallop += 1;
                loop {
                    min_gallop -= (min_gallop > 1) as usize;
                    self.min_gallop = min_gallop;
                    let key = self.v[ib].clone();
                    let k = gallop_right(&mut self.less, &key, &tmp[ia..ia + na], 0)?;
                    acount = k;
                    if k > 0 {
                        self.v[dest..dest + k].clone_from_slice(&tmp[ia..ia + k]);
                        dest += k;
                        ia += k;
                        na -= k;
                        if na == 1 {
                            return Ok(true);
                        }
                        if na == 0 {
                            return Ok(false);
                        }
                    }
                    self.v[dest] = self.v[ib].clone();
                    dest += 1;
                    ib += 1;
                    nb -= 1;
                    if nb == 0 {
                        return Ok(false);
                    }
                    let key = tmp[ia].clone();
                    let k = gallop_left(&mut self.less, &key, &self.v[ib..ib + nb], 0)?;
                    bcount = k;
                    if k > 0 {
                        for j in 0..k {
                            self.v[dest + j] = self.v[ib + j].clone();
                        }
                        dest += k;
                        ib += k;
                        nb -= k;
                        if nb == 0 {
                            return Ok(false);
                        }
                    }
                    self.v[dest] = tmp[ia].clone();
                    dest += 1;
                    ia += 1;
                    na -= 1;
                    if na == 1 {
                        return Ok(true);
                    }
                    if acount < MIN_GALLOP && bcount < MIN_GALLOP {
                        break;
                    }
                }
                min_gallop += 1;
                self.min_gallop = min_gallop;
            }
        })();
        match result {
            Ok(true) => {
                // CopyB: the rest of b, then the last of a.
                for j in 0..nb {
                    self.v[dest + j] = self.v[ib + j].clone();
                }
                self.v[dest + nb] = tmp[ia].clone();
                Ok(())
            }
            Ok(false) => {
                self.v[dest..dest + na].clone_from_slice(&tmp[ia..ia + na]);
                Ok(())
            }
            Err(e) => {
                self.v[dest..dest + na].clone_from_slice(&tmp[ia..ia + na]);
                Err(e)
            }
        }
    }

    /// Merges `v[a..a + na]` and the run after it, `na > nb`, through a copy of the second,
    /// from the right.
    fn merge_hi(&mut self, a: usize, na: usize, b: usize, nb: usize) -> PyResult<()> {
        let tmp: Vec<T> = self.v[b..b + nb].to_vec();
        let (mut na, mut nb) = (na, nb);
        // Indices of the last remaining element of each run, and of the destination; `ia`
        // and `dest` are positions in `v` (kept as isize: they pass below `a`).
        let mut ia = (a + na - 1) as isize;
        let mut ib = nb as isize - 1; // in tmp
        let mut dest = (b + nb - 1) as isize;
        let result = (|| -> PyResult<bool> {
            // true: finish with CopyA.
            self.v[dest as usize] = self.v[ia as usize].clone();
            dest -= 1;
            ia -= 1;
            na -= 1;
            if na == 0 {
                return Ok(false);
            }
            if nb == 1 {
                return Ok(true);
            }
            let mut min_gallop = self.min_gallop;
            loop {
                let mut acount = 0;
                let mut bcount = 0;
                loop {
                    if self.less.lt(&tmp[ib as usize], &self.v[ia as usize])? {
                        self.v[dest as usize] = self.v[ia as usize].clone();
                        dest -= 1;
                        ia -= 1;
                        acount += 1;
                        bcount = 0;
                        na -= 1;
                        if na == 0 {
                            return Ok(false);
                        }
                        if acount >= min_gallop {
                            break;
                        }
                    } else {
                        self.v[dest as usize] = tmp[ib as usize].clone();
                        dest -= 1;
                        ib -= 1;
                        bcount += 1;
                        acount = 0;
                        nb -= 1;
                        if nb == 1 {
                            return Ok(true);
                        }
                        if bcount >= min_gallop {
                            break;
                        }
                    }
                }
                min_gallop += 1;
                loop {
                    min_gallop -= (min_gallop > 1) as usize;
                    self.min_gallop = min_gallop;
                    let key = tmp[ib as usize].clone();
                    let k = gallop_right(&mut self.less, &key, &self.v[a..a + na], na - 1)?;
                    let k = na - k;
                    acount = k;
                    if k > 0 {
                        for j in 0..k as isize {
                            self.v[(dest - j) as usize] = self.v[(ia - j) as usize].clone();
                        }
                        dest -= k as isize;
                        ia -= k as isize;
                        na -= k;
                        if na == 0 {
                            return Ok(false);
                        }
                    }
                    self.v[dest as usize] = tmp[ib as usize].clone();
                    dest -= 1;
                    ib -= 1;
                    nb -= 1;
                    if nb == 1 {
                        return Ok(true);
                    }
                    let key = self.v[ia as usize].clone();
                    let k = gallop_left(&mut self.less, &key, &tmp[..nb], nb - 1)?;
                    let k = nb - k;
                    bcount = k;
                    if k > 0 {
                        for j in 0..k as isize {
                            self.v[(dest - j) as usize] = tmp[(ib - j) as usize].clone();
                        }
                        dest -= k as isize;
                        ib -= k as isize;
                        nb -= k;
                        if nb == 1 {
                            return Ok(true);
                        }
                        if nb == 0 {
                            return Ok(false);
                        }
                    }
                    self.v[dest as usize] = self.v[ia as usize].clone();
                    dest -= 1;
                    ia -= 1;
                    na -= 1;
                    if na == 0 {
                        return Ok(false);
                    }
                    if acount < MIN_GALLOP && bcount < MIN_GALLOP {
                        break;
                    }
                }
                min_gallop += 1;
                self.min_gallop = min_gallop;
            }
        })();
        let restore_b = |v: &mut [T], dest: isize, nb: usize| {
            let start = dest - (nb as isize - 1);
            for j in 0..nb {
                v[start as usize + j] = tmp[j].clone();
            }
        };
        match result {
            Ok(true) => {
                // CopyA: the rest of a moves right, the first of b goes in front.
                for j in 0..na as isize {
                    self.v[(dest - j) as usize] = self.v[(ia - j) as usize].clone();
                }
                dest -= na as isize;
                self.v[dest as usize] = tmp[0].clone();
                Ok(())
            }
            Ok(false) => {
                restore_b(self.v, dest, nb);
                Ok(())
            }
            Err(e) => {
                restore_b(self.v, dest, nb);
                Err(e)
            }
        }
    }
}

/// Where `key` belongs in the sorted `a`, left of any equal elements, searching from `hint`.
fn gallop_left<T, L: Less<T>>(less: &mut L, key: &T, a: &[T], hint: usize) -> PyResult<usize> {
    let n = a.len() as isize;
    let hint = hint as isize;
    let mut lastofs: isize = 0;
    let mut ofs: isize = 1;
    if less.lt(&a[hint as usize], key)? {
        let maxofs = n - hint;
        while ofs < maxofs {
            if less.lt(&a[(hint + ofs) as usize], key)? {
                lastofs = ofs;
                ofs = (ofs << 1) + 1;
            } else {
                break;
            }
        }
        ofs = ofs.min(maxofs);
        lastofs += hint;
        ofs += hint;
    } else {
        let maxofs = hint + 1;
        while ofs < maxofs {
            if less.lt(&a[(hint - ofs) as usize], key)? {
                break;
            }
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        ofs = ofs.min(maxofs);
        let k = lastofs;
        lastofs = hint - ofs;
        ofs = hint - k;
    }
    lastofs += 1;
    while lastofs < ofs {
        let m = lastofs + ((ofs - lastofs) >> 1);
        if less.lt(&a[m as usize], key)? {
            lastofs = m + 1;
        } else {
            ofs = m;
        }
    }
    Ok(ofs as usize)
}

/// Where `key` belongs in the sorted `a`, right of any equal elements, searching from `hint`.
fn gallop_right<T, L: Less<T>>(less: &mut L, key: &T, a: &[T], hint: usize) -> PyResult<usize> {
    let n = a.len() as isize;
    let hint = hint as isize;
    let mut lastofs: isize = 0;
    let mut ofs: isize = 1;
    if less.lt(key, &a[hint as usize])? {
        let maxofs = hint + 1;
        while ofs < maxofs {
            if less.lt(key, &a[(hint - ofs) as usize])? {
                lastofs = ofs;
                ofs = (ofs << 1) + 1;
            } else {
                break;
            }
        }
        ofs = ofs.min(maxofs);
        let k = lastofs;
        lastofs = hint - ofs;
        ofs = hint - k;
    } else {
        let maxofs = n - hint;
        while ofs < maxofs {
            if less.lt(key, &a[(hint + ofs) as usize])? {
                break;
            }
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        ofs = ofs.min(maxofs);
        lastofs += hint;
        ofs += hint;
    }
    lastofs += 1;
    while lastofs < ofs {
        let m = lastofs + ((ofs - lastofs) >> 1);
        if less.lt(key, &a[m as usize])? {
            ofs = m;
        } else {
            lastofs = m + 1;
        }
    }
    Ok(ofs as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(mut v: Vec<(i32, usize)>) {
        let mut expected = v.clone();
        expected.sort_by_key(|p| p.0);
        sort(&mut v, |a: &(i32, usize), b: &(i32, usize)| Ok(a.0 < b.0)).unwrap();
        assert_eq!(v, expected);
    }

    #[test]
    fn sorts_stably() {
        crate::with_gil(sorts_stably_body);
    }

    fn sorts_stably_body() {
        let mut seed: u64 = 12345;
        let mut rand = move || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as i32
        };
        for &n in &[0, 1, 2, 5, 63, 64, 65, 100, 1000, 5000] {
            for modulus in [2, 10, 1000, i32::MAX] {
                let v: Vec<(i32, usize)> = (0..n).map(|i| (rand() % modulus, i)).collect();
                check(v);
            }
            // Runs: ascending, descending, sawtooth.
            check((0..n).map(|i| (i as i32, i)).collect());
            check((0..n).map(|i| (-(i as i32) / 3, i)).collect());
            check((0..n).map(|i| ((i % 37) as i32, i)).collect());
            check(
                (0..n)
                    .map(|i| {
                        (
                            if i < n / 2 {
                                i as i32
                            } else {
                                (n - i) as i32 * 2
                            },
                            i,
                        )
                    })
                    .collect(),
            );
        }
    }

    #[test]
    fn an_error_leaves_a_permutation() {
        crate::with_gil(an_error_leaves_a_permutation_body);
    }

    fn an_error_leaves_a_permutation_body() {
        for stop_after in [0, 1, 10, 100, 500, 2000] {
            let mut v: Vec<(i32, usize)> =
                (0..1000).map(|i| ((i * 7919 % 1000) as i32, i)).collect();
            let mut count = 0;
            let r = sort(&mut v, |a: &(i32, usize), b: &(i32, usize)| {
                count += 1;
                if count > stop_after {
                    return Err(crate::error::PyErr::value_error("stop"));
                }
                Ok(a.0 < b.0)
            });
            let _ = r;
            let mut ids: Vec<usize> = v.iter().map(|p| p.1).collect();
            ids.sort();
            assert_eq!(ids, (0..1000).collect::<Vec<_>>());
        }
    }
}
