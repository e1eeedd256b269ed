namespace KtPortal.Domain.Estimation;

/// <summary>
/// Term frequency × inverse document frequency vectors over a set of documents, compared by cosine similarity.
/// Built once per estimate over the resolved history; words every ticket uses weigh little, rare shared words a lot.
/// </summary>
public sealed class TfIdfIndex
{
    private readonly Dictionary<string, double> _idf;
    private readonly Dictionary<string, double>[] _vectors;

    public TfIdfIndex(IReadOnlyList<IReadOnlyList<string>> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            foreach (var term in document.Distinct(StringComparer.Ordinal))
            {
                documentFrequency[term] = documentFrequency.GetValueOrDefault(term) + 1;
            }
        }

        // Smoothed idf (as scikit-learn): a term in every document still counts a little, unseen terms count most.
        var count = documents.Count;
        _idf = documentFrequency.ToDictionary(p => p.Key, p => Math.Log((1.0 + count) / (1.0 + p.Value)) + 1.0, StringComparer.Ordinal);
        UnseenIdf = Math.Log(1.0 + count) + 1.0;
        _vectors = [.. documents.Select(Vectorize)];
    }

    public int Count => _vectors.Length;

    private double UnseenIdf { get; }

    /// <summary>A unit-length weighted vector for any text's tokens (terms new to the index get the highest weight).</summary>
    public Dictionary<string, double> Vectorize(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var vector = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var token in tokens)
        {
            vector[token] = vector.GetValueOrDefault(token) + 1;
        }

        var norm = 0.0;
        foreach (var (term, frequency) in vector)
        {
            var weight = frequency * _idf.GetValueOrDefault(term, UnseenIdf);
            vector[term] = weight;
            norm += weight * weight;
        }

        norm = Math.Sqrt(norm);
        if (norm > 0)
        {
            foreach (var term in vector.Keys)
            {
                vector[term] /= norm;
            }
        }

        return vector;
    }

    /// <summary>Cosine similarity (0..1) between a query vector from <see cref="Vectorize"/> and document <paramref name="index"/>.</summary>
    public double Similarity(Dictionary<string, double> query, int index)
    {
        ArgumentNullException.ThrowIfNull(query);
        var document = _vectors[index];
        var (small, large) = query.Count <= document.Count ? (query, document) : (document, query);
        var dot = 0.0;
        foreach (var (term, weight) in small)
        {
            if (large.TryGetValue(term, out var other))
            {
                dot += weight * other;
            }
        }

        return dot;
    }
}
