"""Help menu texts: "what am I looking at", in the words of the seed notes (NTU, Hung-yi Lee).

A panel's own ``help_text`` wins; these are the fall-backs and the overview.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from maml_gui.gui.i18n import translate

#: the texts are marked for translation here and translated where shown (help_for, overview)
OVERVIEW = QT_TRANSLATE_NOOP(
    "Help",
    """<h3>What am I looking at?</h3>
<p>MAML learns one <b>initialization φ</b> (phi) shared by every task, with the same model for all
of them. For task <i>n</i>, the inner loop trains from φ on the support set and gives
<b>θ<sub>n</sub></b> (theta_n); θ<sub>n</sub>'s loss on the query set is l<sub>n</sub>, and the
MAML loss is L(φ) = Σ<sub>n</sub> l<sub>n</sub>(θ<sub>n</sub>(φ)). φ is updated by plain gradient
descent on L.</p>
<p><b>Pretraining</b> (multi-task training) scores the <i>current</i> parameters,
L<sub>pre</sub>(φ) = Σ<sub>n</sub> l<sub>n</sub>(φ). MAML scores the parameters <i>after</i>
adaptation: φ itself may be poor, but from φ one easy step reaches every task's minimum.
Take the job now (pretraining: current performance) or do the PhD (MAML: potential).</p>
<p>Every run trains the chosen algorithm <b>and</b> a pretraining twin on the same tasks from the
same initial weights, so the gap between them is measured, not assumed. The algorithm is drawn
in blue, pretraining in vermillion, in every view. With Pretraining chosen as the algorithm the
twin would be the very same learner (same start, same tasks, same objective), so it is drawn
once, in vermillion.</p>
<p>Training uses one inner step (only the potential matters; few-shot data overfits); testing may
use many steps and gets better results.</p>
<h3>The algorithms</h3>
<p><b>MAML</b>: gradient descent on L(φ), second-order terms included (the gradient flows back
through the inner step). <b>FOMAML</b>: the same with dθ<sub>n</sub>/dφ taken as the identity,
so φ moves along the mean gradient at the θ<sub>n</sub>: cheaper, and it can settle elsewhere.
<b>ANIL</b>: split the network into a feature extractor and a head; the inner loop adapts only
the head (the toys have no head, so ANIL is off there). <b>Reptile</b>: train each task a few
steps and move φ a fraction ε toward the mean θ<sub>n</sub>. With one inner step that move is
only a small joint-training (pretraining) step, plain SGD at ε·α, so φ hardly leaves its start
and ends behind pretraining; its defaults therefore take several inner steps (5, as Nichol et al.
train each task for several), and then it fine-tunes far better than pretraining.
<b>Pretraining</b>: joint training on all tasks, scored at φ itself.</p>
<h3>Few-shot classification (Omniglot, the course's HW15)</h3>
<p>A task is N-way K-shot: N characters never seen in training, K drawings of each to adapt on
(the support set), and new drawings of the same characters to be scored on (the query set).
HW15's setting is 5-way 1-shot with a Conv4 network (four blocks of 3×3 convolution, BatchNorm,
ReLU and max-pooling, then a linear head), one inner step of rate 0.4 in training and ten at
test. Task &gt; Omniglot at HW15's settings sets exactly these.</p>
<p><b>BatchNorm uses batch statistics</b>, in training and at test: each forward pass
normalises with the mean and variance of the images it is given (the support set in the inner
loop, the query set when scored). This is MAML's convention (Finn et al.'s code, HW15's).
Running averages, the usual choice for one network on one data set, go wrong here: they are
averaged over many tasks' images, so they describe no task in particular; they are not part of
φ, so the meta-gradient does not know how they shape θ<sub>n</sub>; and they move while the inner
loop runs. Antoniou et al. (2019, "How to train your MAML") learn per-step statistics to fix
this; the app keeps the convention HW15 uses.</p>
<p><b>Pretraining for classification</b> is the transfer-learning baseline. The lecture's joint
objective Σ<sub>n</sub> l<sub>n</sub>(φ) degenerates here: each task numbers its classes in an
arbitrary order, so the same drawing is class 1 in one task and class 4 in another, and the
best single φ predicts 1/N for every class. The baseline instead trains one classifier over all
training characters, on the same images the meta-batch uses; at test time its body gets a fresh
all-zero N-way head (so it starts at exactly 1/N) and fine-tunes on the support set for k steps,
scored on the query set like MAML.</p>
<h3>Looking back: the timeline</h3>
<p>The slider beside the run's controls holds the run's history. Drag it, or click it and use
the arrow keys, and every view shows the run as it was at that step: φ and θ<sub>n</sub>, the
landscape, the curves so far, the gap measured then. Training goes on (or stays paused)
meanwhile; <b>Live</b>, the End key or the slider's right end return to it. <b>Play</b> walks
through the history at the chosen speed. A run keeps every step up to 511, then every second,
fourth… step; an Omniglot run keeps a few exact checkpoints, so the slider shows the last kept
step at or before the one asked for, and says which. The views show a past step with the
current settings (the test inner rate, K<sub>test</sub>).</p>
<h3>Keys</h3>
<p>Start Ctrl+R · Pause/Resume Space · Single step Ctrl+T · Stop Ctrl+. · Reset Ctrl+Shift+R ·
Timeline Ctrl+L · Play/Pause the timeline Ctrl+Shift+L · Crosshair Ctrl+H · Presenter mode F5
(Page Down/Up: next/previous view, Esc: leave) · Open Ctrl+O · Save Ctrl+S · Explore φ on a
toy's landscape Ctrl+E. On the timeline's slider the arrow keys go to the previous or next
recorded step, End to live; on a landscape with the explore marker they move the marker (with
Shift, five times as far).</p>
<h3>Reading a plot</h3>
<p>Rest the cursor on any plot: beside it are the coordinates, named as the axes are, the loss
under it on a landscape, and, on a marker, what the legend calls it (for θ<sub>n</sub>, which
task). View &gt; Crosshair draws lines through the cursor on every plot.</p>""",
)

VIEWS: dict[str, str] = {  # translated where shown (help_for)
    "landscape": QT_TRANSLATE_NOOP(
        "Help",
        """<h3>Task loss landscape</h3>
<p>Each coloured curve (or contour map) is one task's loss as a function of the parameters.
The pretraining objective is their sum at the current parameters; the MAML objective is their sum
<i>after</i> m inner steps (m = 0 is pretraining). The markers are φ of the algorithm and φ of
pretraining; arrows go from φ to each task's adapted θ<sub>n</sub>. For a network the picture is a
2-D slice through φ and two adapted θ<sub>n</sub>.</p>""",
    ),
    "trajectory": QT_TRANSLATE_NOOP(
        "Help",
        """<h3>φ versus adapted θ<sub>n</sub></h3>
<p>The path φ travels during meta-training (exact for the toy families, a PCA projection for
networks), with the current batch's θ<sub>n</sub> as arrows from φ, for the algorithm and its
pretraining twin. MAML's φ need not sit at any task's minimum: it sits where one step reaches
each of them.</p>""",
    ),
    "gap": QT_TRANSLATE_NOOP(
        "Help",
        """<h3>MAML versus pretraining</h3>
<p>Query loss on held-out tasks after k = 0 … K<sub>test</sub> adaptation steps from each starting
point. At k = 0 pretraining is usually better (current performance); after a few steps MAML is
better (potential). For sinusoids, function space shows a held-out task, its K support points,
and the fits after 0, 1 and K<sub>test</sub> steps from both starting points.</p>""",
    ),
    "curves": QT_TRANSLATE_NOOP(
        "Help",
        """<h3>Training curves</h3>
<p>Meta-training loss before adaptation (at φ) and after adaptation (at θ<sub>n</sub>), for the
algorithm and for pretraining. Log scale and smoothing are toggles.</p>""",
    ),
}


def help_for(title: str, panel_text: str = "") -> str:
    """The panel's own text, else the closest fall-back by title, else the overview."""
    if panel_text:
        return panel_text  # the panel's caller translates its own text
    lowered = title.lower()
    for key, keywords in (
        ("landscape", ("landscape",)),
        ("trajectory", ("trajectory", "theta", "θ", "path")),
        ("gap", ("gap", "pretraining", "function")),
        ("curves", ("curve", "loss", "metric")),
    ):
        if any(word in lowered for word in keywords):
            return translate("Help", VIEWS[key])
    return overview()


def overview() -> str:
    """The overview ("What am I looking at?") in the interface's language."""
    return translate("Help", OVERVIEW)
