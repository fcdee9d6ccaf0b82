"""The leak heapdot was written for, in Python: one module-level exception, raised for every
malformed image. Each raise adds a traceback entry to BAD_IMAGE.__traceback__, and each entry's
frame keeps that request's locals alive: the ImageReqWrapper and its image buffer.

    python samples/python/leaky_image_service.py 40 before.heapsnapshot 80 after.heapsnapshot
    heapdot chain after.heapsnapshot ImageReqWrapper
    heapdot diff before.heapsnapshot after.heapsnapshot --out-dir growth
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))

import heapdot_dump  # noqa: E402

PNG = b"\x89PNG\r\n\x1a\n"


class ImageFormatError(Exception):
    pass


# One instance for every bad image, "to save allocations": the bug.
BAD_IMAGE = ImageFormatError("malformed image")


class ImageReqWrapper:
    def __init__(self, req_id, image):
        self.id = req_id
        self.image = image
        self.meta = {"name": f"req{req_id}", "tags": ["a", "b", req_id]}


def handle(req_id, image):
    req = ImageReqWrapper(req_id, image)
    try:
        if not req.image.startswith(PNG):
            raise BAD_IMAGE
        return len(req.image)
    except ImageFormatError:
        return None  # answered with 400; the traceback stays on BAD_IMAGE


def serve(count, start=0):
    for i in range(start, start + count):
        image = (PNG if i % 2 else b"GIF89a") + os.urandom(4096)
        handle(i, image)


def main(argv):
    done = 0
    for count, path in zip(argv[0::2], argv[1::2]):
        serve(int(count) - done, done)
        done = int(count)
        heapdot_dump.dump(path)


if __name__ == "__main__":
    main(sys.argv[1:] or ["40", "before.heapsnapshot", "80", "after.heapsnapshot"])
