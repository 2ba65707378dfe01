namespace FutureOfCustoms.Bot.Knowledge.Embeddings;

internal static class VectorMath
{
    /// <summary>Scales to unit length, so that cosine similarity is a dot product.</summary>
    public static float[] Normalize(ReadOnlySpan<float> vector)
    {
        var norm = MathF.Sqrt(System.Numerics.Tensors.TensorPrimitives.Dot(vector, vector));
        var result = vector.ToArray();
        if (norm > 0)
        {
            System.Numerics.Tensors.TensorPrimitives.Divide(result, norm, result);
        }

        return result;
    }

    public static float Cosine(ReadOnlySpan<float> unitA, ReadOnlySpan<float> unitB) =>
        System.Numerics.Tensors.TensorPrimitives.Dot(unitA, unitB);

    public static byte[] ToBytes(float[] vector) => System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector.AsSpan()).ToArray();

    public static float[] FromBytes(ReadOnlySpan<byte> bytes) => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes).ToArray();
}
