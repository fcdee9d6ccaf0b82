"""What objgraph (Debian's python3-objgraph) says about the same leak, for the README's side by side:

    /usr/bin/python3 samples/python/objgraph_side_by_side.py > samples/python/objgraph.txt
"""

import gc
import io

import objgraph

import leaky_image_service as service

objgraph.show_growth(limit=1, file=io.StringIO())  # the baseline
service.serve(80)  # 40 of them malformed
print("$ objgraph.show_growth()")
objgraph.show_growth(limit=8)


def chains():
    """Inside a function: a module-level list of the requests would be a chain of its own."""
    requests = [obj for obj in gc.get_objects() if type(obj).__name__ == "ImageReqWrapper"]
    found = 0
    for request in requests:
        chain = objgraph.find_backref_chain(request, objgraph.is_proper_module)
        found += objgraph.is_proper_module(chain[0])
    print()
    print("$ objgraph.find_backref_chain(req, objgraph.is_proper_module) for each leaked ImageReqWrapper")
    print(f"a chain from a module for {found} of {len(requests)}; the others come back as [req], as if it were a root")
    chain = objgraph.find_backref_chain(requests[0], objgraph.is_proper_module)
    print(f"the first one's chain: {' -> '.join(type(obj).__name__ for obj in chain)}")


chains()
