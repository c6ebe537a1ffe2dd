// js-libp2p 3 wants Node 22; Node 20 lacks only Promise.withResolvers. The
// peers import this before js-libp2p.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function () {
    let resolve, reject
    const promise = new this((res, rej) => { resolve = res; reject = rej })
    return { promise, resolve, reject }
  }
}
