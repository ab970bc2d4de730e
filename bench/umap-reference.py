#!/usr/bin/python3
# UMAP beside embedscope on the same data (Debian's umap-learn, default settings): all 70,000
# Fashion-MNIST images / 255, train then test. Prints wall time of the fit (numba's compilation
# included, as a user meets it) and the 10-NN accuracy of the 2-D layout (leave-one-out majority of
# the 10 nearest other points, all points as queries; ties to the smallest label).
#   /usr/bin/time -f "%e s %M KB" /usr/bin/python3 bench/umap-reference.py
import gzip, sys, time
import numpy as np

def idx(path, offset):
    with gzip.open(path) as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)

d = "/usr/share/datasets/fashion-mnist/"
x = np.concatenate([idx(d + "train-images-idx3-ubyte.gz", 16), idx(d + "t10k-images-idx3-ubyte.gz", 16)])
x = x.reshape(-1, 784).astype(np.float32) / 255
y = np.concatenate([idx(d + "train-labels-idx1-ubyte.gz", 8), idx(d + "t10k-labels-idx1-ubyte.gz", 8)])
t0 = time.time()
import umap
e = umap.UMAP(random_state=None).fit_transform(x)
fit = time.time() - t0
from sklearn.neighbors import NearestNeighbors
nn = NearestNeighbors(n_neighbors=11).fit(e)
_, ind = nn.kneighbors(e)
votes = y[ind[:, 1:]]
pred = np.array([np.bincount(v, minlength=10).argmax() for v in votes])
print(f"UMAP N={len(x)} fit={fit:.1f}s 10NN-accuracy={(pred == y).mean():.3f}")
