using System.IO;
using System.Runtime.Serialization.Formatters.Binary;
using Newtonsoft.Json;

public class ImportService
{
    public object Import(Stream body)
    {
        // ruleid: insecure_deserialization
        var formatter = new BinaryFormatter();
        return formatter.Deserialize(body);
    }

    public T FromJson<T>(string json)
    {
        // ruleid: insecure_deserialization
        var settings = new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.Auto };
        return JsonConvert.DeserializeObject<T>(json, settings);
    }

    public T FromJsonSafe<T>(string json)
    {
        // ok: insecure_deserialization
        var settings = new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.None };
        return JsonConvert.DeserializeObject<T>(json, settings);
    }
}
