"""Binary streams the readers share: the protocol they read, replayed heads, lenient gunzip."""

from __future__ import annotations

import io
import zlib
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

_CHUNK = 64 * 1024
_GZIP_WBITS = 16 + zlib.MAX_WBITS  # a gzip header and trailer around deflate data


class ByteStream(Protocol):
    """A binary stream as readers use it: files, gzip members, standard input."""

    def read(self, size: int = -1, /) -> bytes: ...

    def readline(self, size: int = -1, /) -> bytes: ...


def replay(head: bytes, rest: ByteStream) -> io.BufferedReader:
    """``rest`` with ``head``, bytes already read from it (to sniff a format), put back."""
    return io.BufferedReader(_Replay(head, rest), buffer_size=_CHUNK)


def gunzip(compressed: ByteStream) -> tuple[io.BufferedReader, Gunzip]:
    """The decompressed stream, and the decompressor to ask whether it was cut off."""
    raw = Gunzip(compressed)
    return io.BufferedReader(raw, buffer_size=_CHUNK), raw


class _Replay(io.RawIOBase):
    def __init__(self, head: bytes, rest: ByteStream) -> None:
        super().__init__()
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        out = memoryview(buffer).cast("B")
        if self._head:
            count = min(len(out), len(self._head))
            out[:count] = self._head[:count]
            self._head = self._head[count:]
            return count
        data = self._rest.read(len(out))
        out[: len(data)] = data
        return len(data)


class Gunzip(io.RawIOBase):
    """Multi-member gzip, decompressed in bounded chunks.

    Unlike ``gzip.GzipFile``, a stream cut off in the middle of a member ends quietly and
    sets ``truncated``: warcio takes an EOFError for the end of the archive, even on its
    first read, where it would lose the whole records before the cut. Corrupt data still
    raises ``zlib.error``.
    """

    def __init__(self, compressed: ByteStream) -> None:
        super().__init__()
        self._compressed = compressed
        self._inflate = zlib.decompressobj(_GZIP_WBITS)
        self._pending = b""
        self._exhausted = False
        self.truncated = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        out = memoryview(buffer).cast("B")
        while not self._pending:
            if self._exhausted:
                return 0
            self._pending = self._inflate_some(len(out))
        count = min(len(out), len(self._pending))
        out[:count] = self._pending[:count]
        self._pending = self._pending[count:]
        return count

    def _inflate_some(self, size: int) -> bytes:
        if self._inflate.eof:
            data = self._inflate.unused_data or self._compressed.read(_CHUNK)
            if not data:
                self._exhausted = True  # a clean end, after a whole member
                return b""
            self._inflate = zlib.decompressobj(_GZIP_WBITS)  # the next member
        else:
            data = self._inflate.unconsumed_tail or self._compressed.read(_CHUNK)
            if not data:
                self._exhausted = True
                rest = self._inflate.flush()
                self.truncated = not self._inflate.eof
                return rest
        # max_length keeps a decompression bomb from inflating more than a chunk at once.
        return self._inflate.decompress(data, max(size, _CHUNK))
